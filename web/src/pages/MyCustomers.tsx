// A provider's customers (TAR-4, CHO-4): its own registrations with their locked prices, and one
// registration with the itemised explanation at /caseload/{id}. Never another provider's customers.

import { useEffect, useState } from "preact/hooks";
import { formatPence, listCitizens, listRegistrations, type Citizen, type Registration } from "../journey";
import { formatDate } from "../licensing";
import type { PageProps } from "../nav";
import { href } from "../router";
import { ErrorMessage, PageHeading } from "./common";
import { BackLink, FormatBadge, Loading, RegistrationDetails, useNames } from "./journey-common";
import { asApiError } from "./licensing-common";

interface Customers {
  registrations: Registration[];
  names: Map<number, string>;
}

/** Every registration of the provider and its customers' names (two lists, each paged to the end). */
async function loadCustomers(signal: AbortSignal): Promise<Customers> {
  const registrations: Registration[] = [];
  let before: number | null = null;
  for (let guard = 0; guard < 50; guard += 1) {
    const page = await listRegistrations(before, signal);
    registrations.push(...page.items);
    if (page.next_before === null) break;
    before = page.next_before;
  }
  const citizens: Citizen[] = [];
  before = null;
  for (let guard = 0; guard < 50; guard += 1) {
    const page = await listCitizens(before, signal);
    citizens.push(...page.items);
    if (page.next_before === null) break;
    before = page.next_before;
  }
  return { registrations, names: new Map(citizens.map((c) => [c.id, c.full_name ?? `Citizen ${c.id}`])) };
}

export function MyCustomersPage({ me, rest }: PageProps) {
  const { names } = useNames();
  const [data, setData] = useState<Customers | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    loadCustomers(controller.signal)
      .then(setData)
      .catch((caught: unknown) => {
        if (controller.signal.aborted) return;
        setError(asApiError(caught, "Your customers could not be loaded.").message);
      });
    return () => controller.abort();
  }, []);

  if (!me) return null; // providers only (see nav.ts)

  if (rest !== "") {
    const registration = /^[1-9][0-9]{0,15}$/.test(rest) ? data?.registrations.find((r) => r.id === Number(rest)) : undefined;
    const customer = registration ? (data?.names.get(registration.citizen_id) ?? `Citizen ${registration.citizen_id}`) : null;
    return (
      <>
        <BackLink to="/caseload">Back to my customers</BackLink>
        <PageHeading title={customer ?? "Customer"}>{customer ?? "Customer"}</PageHeading>
        <ErrorMessage message={error ?? (data && !registration ? "There is no such registration among your customers." : null)} />
        {!data && !error && <Loading what="the registration" />}
        {registration && <RegistrationDetails registration={registration} names={names} citizenName={customer} />}
      </>
    );
  }

  const rows = data?.registrations ?? [];
  return (
    <>
      <PageHeading title="My customers">My customers</PageHeading>
      <p class="lead">
        The citizens registered with your organisation, with the prices locked for each on the day they registered. You are
        paid these prices for each outcome achieved.
      </p>
      <ErrorMessage message={error} />
      {!data && !error && <Loading what="your customers" />}
      {data && (
        <div class="table-wrap" role="region" aria-label="Customers" tabIndex={0}>
          <table class="data-table stack-table customers-table">
            <caption class="visually-hidden">Registrations with their locked prices, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Customer</th>
                <th scope="col">End Result</th>
                <th scope="col">Outcomes</th>
                <th scope="col">Format</th>
                <th scope="col">Registered</th>
                <th scope="col" class="number">
                  Locked price
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((registration) => (
                <tr key={registration.id} data-registration-id={registration.id}>
                  <td data-label="Customer">
                    <a href={href(`/caseload/${registration.id}`)}>
                      {data.names.get(registration.citizen_id) ?? `Citizen ${registration.citizen_id}`}
                    </a>
                  </td>
                  <td data-label="End Result">{names.endResult(registration.end_result)}</td>
                  <td data-label="Outcomes">
                    <ul class="plain-list">
                      {registration.outcomes.map((o) => (
                        <li key={o.outcome}>
                          {names.outcome(o.outcome)}: <span class="money">{formatPence(o.price_pence)}</span>
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td data-label="Format">
                    <FormatBadge format={registration.format} />
                  </td>
                  <td data-label="Registered">{formatDate(registration.registered_on)}</td>
                  <td data-label="Locked price" class="number money">
                    {formatPence(registration.total_price_pence)}
                  </td>
                </tr>
              ))}
              {rows.length === 0 && (
                <tr>
                  <td colSpan={6} class="empty">
                    No customer has registered with you yet.
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
