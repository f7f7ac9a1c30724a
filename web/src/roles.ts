// The roles of SPEC.md section 0, with the words the interface uses for them.

export const ROLES = ["government", "regulator", "inspector", "referrer", "provider", "citizen"] as const;

/** A logged-in user's role. "public" is the visitor who is not logged in. */
export type Role = (typeof ROLES)[number];
export type Audience = Role | "public";

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

const LABELS: Record<Audience, string> = {
  government: "Government",
  regulator: "Regulator",
  inspector: "Inspector",
  referrer: "Referrer",
  provider: "Provider",
  citizen: "Citizen",
  public: "Public",
};

export function roleLabel(role: string): string {
  return isRole(role) || role === "public" ? LABELS[role as Audience] : role;
}

export interface RoleIntro {
  /** One sentence: who this role is. */
  who: string;
  /** What the role does in PSL, one short line each. */
  can: string[];
}

export const ROLE_INTROS: Record<Role, RoleIntro> = {
  government: {
    who: "You work for the ministry that funds public services through PSL.",
    can: [
      "Set the budget envelope the market works within.",
      "Choose the End Results and the King Outcomes that measure them.",
      "Set the providers' profit target and profit cap.",
    ],
  },
  regulator: {
    who: "You are on the staff of the independent Regulator.",
    can: [
      "Grant, refuse, suspend and revoke provider licences.",
      "Set tariffs and reprice them as evidence comes in.",
      "Run inspections, handle complaints and settle disputes.",
      "Monitor the market and publish open data.",
      "Read the audit log of every change made in PSL.",
    ],
  },
  inspector: {
    who: "You inspect providers for the Regulator, including as a mystery shopper.",
    can: ["Record inspection visits.", "Record findings, which the Regulator publishes."],
  },
  referrer: {
    who: "You are a public-service professional: a GP, JobCentre adviser, court, probation or social worker, or street team.",
    can: [
      "Refer a citizen into PSL.",
      "Run the single assessment with them.",
      "Help them choose a provider, or make the choice when they cannot.",
    ],
  },
  provider: {
    who: "You work for a licensed provider of public services.",
    can: [
      "Apply for a licence and follow its status.",
      "See your own caseload (and never another provider's customers).",
      "Record activity and claim outcomes.",
      "Read your statements and file financial returns.",
    ],
  },
  citizen: {
    who: "You use public services and choose who helps you.",
    can: [
      "Refer yourself and take the online assessment.",
      "Compare licensed providers and choose one.",
      "Answer the satisfaction survey and make a complaint.",
      "See your own record, and only yours.",
    ],
  },
};
