// The one table of pages: who sees which entry in the navigation, and which page it shows.
//
// An entry without a `page` is planned but not built yet: it is never shown. To add a page,
// write it under pages/ and set `page` here; the navigation, the routing and the "not allowed"
// answer for other roles all follow from this table.

import type { ComponentType } from "preact";
import type { Me } from "./api";
import type { Audience } from "./roles";
import { AuditPage } from "./pages/Audit";
import { BudgetPage } from "./pages/Budget";
import { CaseloadPage } from "./pages/Caseload";
import { CaseworkPage } from "./pages/Casework";
import { ComplaintsPage } from "./pages/Complaints";
import { HomePage } from "./pages/Home";
import { InspectionsPage } from "./pages/Inspections";
import { MakeComplaintPage } from "./pages/MakeComplaint";
import { MyCustomersPage } from "./pages/MyCustomers";
import { ChooseIndexPage, MyJourneyPage } from "./pages/MyJourney";
import { PaymentsPage } from "./pages/Payments";
import { ReceivablesPage } from "./pages/PaymentsReceivables";
import { ProviderLicencePage } from "./pages/ProviderLicence";
import { QuotePage } from "./pages/Quote";
import { RegisterPage } from "./pages/Register";
import { RegisterOrganisationPage } from "./pages/RegisterOrganisation";
import { SignUpPage } from "./pages/SignUp";
import { ClaimsPage } from "./pages/Claims";
import { SkunkworksPage } from "./pages/Skunkworks";
import { SurveyPage } from "./pages/Survey";
import { SatisfactionPage } from "./pages/SurveyResults";
import { StatementsPage } from "./pages/Statements";

export interface PageProps {
  /** The logged-in user; null for a visitor on a public page. */
  me: Me | null;
  /** The navigation entries this user sees. */
  links: NavEntry[];
  /** For an entry with `nested`, what follows its path: "12" at /register/12; "" at /register. */
  rest: string;
}

export interface NavEntry {
  path: string;
  label: string;
  /** Who may open the page. */
  audience: readonly Audience[];
  /** The page; undefined while it is only planned. */
  page?: ComponentType<PageProps>;
  /** The page also answers below its path (/register/12), and reads the rest from `rest`. */
  nested?: boolean;
}

const EVERYONE: readonly Audience[] = ["government", "regulator", "inspector", "referrer", "provider", "citizen"];
const EVERYONE_AND_PUBLIC: readonly Audience[] = [...EVERYONE, "public"];

export const NAV: readonly NavEntry[] = [
  { path: "/", label: "Home", audience: EVERYONE, page: HomePage },

  // government
  { path: "/outcomes", label: "Outcomes catalogue", audience: ["government", "regulator"] },
  { path: "/budget", label: "Budget", audience: ["government", "regulator"], page: BudgetPage },

  // regulator
  { path: "/licences", label: "Licensing casework", audience: ["regulator"], page: CaseworkPage, nested: true },
  { path: "/tariffs", label: "Tariffs", audience: ["regulator", "government"] },
  { path: "/complaints", label: "Complaints", audience: ["regulator", "provider"], page: ComplaintsPage, nested: true },
  { path: "/disputes", label: "Disputes", audience: ["regulator"] },
  { path: "/market", label: "Market", audience: ["regulator", "government"] },
  // Payment runs (/payments/3, /payments/3/statements/9) and what providers owe.
  { path: "/payments", label: "Payments", audience: ["regulator"], page: PaymentsPage, nested: true },
  { path: "/receivables", label: "Receivables", audience: ["regulator"], page: ReceivablesPage },
  { path: "/audit", label: "Audit log", audience: ["regulator"], page: AuditPage },

  // inspector
  { path: "/inspections", label: "Inspections", audience: ["inspector", "regulator"], page: InspectionsPage, nested: true },

  // referrer
  // The referrer's caseload; each citizen's assessment, choice and registrations are below it
  // (/referrals/12, /referrals/12/assessment, /referrals/12/choose/<end result>, ...).
  { path: "/referrals", label: "Referrals", audience: ["referrer"], page: CaseloadPage, nested: true },

  // provider
  { path: "/licence", label: "Licence", audience: ["provider"], page: ProviderLicencePage, nested: true },
  { path: "/caseload", label: "My customers", audience: ["provider"], page: MyCustomersPage, nested: true },
  { path: "/claims", label: "Claims", audience: ["provider", "regulator"], page: ClaimsPage, nested: true },
  { path: "/statements", label: "Statements", audience: ["provider"], page: StatementsPage, nested: true },
  { path: "/returns", label: "Financial returns", audience: ["provider"] },

  // citizen
  { path: "/my-record", label: "My record", audience: ["citizen"], page: MyJourneyPage, nested: true },
  { path: "/choose", label: "Choose a provider", audience: ["citizen"], page: ChooseIndexPage },
  { path: "/my-complaints", label: "Complaints", audience: ["citizen"], page: ComplaintsPage, nested: true },
  { path: "/survey", label: "Survey", audience: ["citizen"], page: SurveyPage },

  // public (not logged in), and the register for everyone
  { path: "/register", label: "Public register", audience: EVERYONE_AND_PUBLIC, page: RegisterPage, nested: true },
  { path: "/register-organisation", label: "Register your organisation", audience: ["public"], page: RegisterOrganisationPage },
  { path: "/sign-up", label: "Refer yourself", audience: ["public"], page: SignUpPage },
  { path: "/prices", label: "Price calculator", audience: EVERYONE_AND_PUBLIC, page: QuotePage },
  { path: "/complain", label: "Make a complaint", audience: ["citizen", "public"], page: MakeComplaintPage },
  { path: "/satisfaction", label: "Satisfaction", audience: EVERYONE_AND_PUBLIC, page: SatisfactionPage },
  { path: "/skunkworks", label: "Skunkworks", audience: EVERYONE_AND_PUBLIC, page: SkunkworksPage },
  { path: "/findings", label: "Inspection findings", audience: ["public"] },
  { path: "/open-data", label: "Open data", audience: ["public"] },
];

/** The entries shown in the navigation for a role: built pages the role may open, in table order. */
export function navFor(role: Audience): NavEntry[] {
  return NAV.filter((entry) => entry.page !== undefined && entry.audience.includes(role));
}

/** The built page at a path, whoever may open it; undefined if there is none. */
export function pageAt(path: string): NavEntry | undefined {
  return NAV.find(
    (entry) =>
      entry.page !== undefined && (entry.path === path || (entry.nested === true && path.startsWith(`${entry.path}/`))),
  );
}

/** What follows the entry's own path: "12" for /register/12 under /register. */
export function restOf(entry: NavEntry, path: string): string {
  return path === entry.path ? "" : path.slice(entry.path.length + 1);
}

/** Whether a visitor who is not logged in may open the page at a path. */
export function isPublicPath(path: string): boolean {
  return pageAt(path)?.audience.includes("public") ?? false;
}
