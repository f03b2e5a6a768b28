// Live notices for the active account as a patient: access requests and
// denials on their records and claim decisions as the chain emits them
// (event subscriptions), and consents that end within 7 days.
import { useCallback, useState } from 'react';
import { useWatchContractEvent } from 'typink';
import { useAccounts } from '../suite/accounts';
import { useSuite } from '../suite/SuiteProvider';
import { addressText, short, when } from '../suite/format';
import { explainDenial, words } from '../suite/errors';
import { PURPOSES, labelOf } from '../suite/vocabulary';
import { consentState, useConsents } from './PatientView';

interface Notice {
  id: string;
  kind: 'granted' | 'denied' | 'claim';
  text: string;
}

const MAX_NOTICES = 20;

const statusWords = (status: unknown) => words(typeof status === 'string' ? status : String((status as { type?: string }).type));

export function Notifications() {
  const { active } = useAccounts();
  const { contracts } = useSuite();
  const me = active?.address;
  const [notices, setNotices] = useState<Notice[]>([]);
  const add = useCallback((fresh: Notice[]) => {
    if (fresh.length) setNotices((old) => [...fresh.reverse(), ...old].slice(0, MAX_NOTICES));
  }, []);
  const mine = useCallback((account: unknown) => me !== undefined && addressText(account) === me, [me]);
  const stamp = () => `${Date.now()}-${Math.random()}`;

  useWatchContractEvent(contracts.records, 'AccessGranted', useCallback((events) => {
    add(events.filter((event) => mine(event.data.patient)).map((event) => ({
      id: stamp(), kind: 'granted' as const,
      text: `${short(event.data.requester)} read your record #${event.data.recordId} for `
        + `${labelOf(PURPOSES, event.data.purpose).toLowerCase()}${event.data.emergency ? ' (emergency)' : ''}.`,
    })));
  }, [add, mine]), Boolean(me));

  useWatchContractEvent(contracts.records, 'AccessDenied', useCallback((events) => {
    add(events.filter((event) => mine(event.data.patient)).map((event) => ({
      id: stamp(), kind: 'denied' as const,
      text: `${short(event.data.requester)} was denied your record #${event.data.recordId}: `
        + `${explainDenial(event.data.reason)}.`,
    })));
  }, [add, mine]), Boolean(me));

  useWatchContractEvent(contracts.insurance, 'ClaimDecided', useCallback((events) => {
    add(events.filter((event) => mine(event.data.holder)).map((event) => ({
      id: stamp(), kind: 'claim' as const,
      text: `Your claim #${event.data.claim} was decided: ${statusWords(event.data.status)}.`,
    })));
  }, [add, mine]), Boolean(me));

  const { consents } = useConsents(me);
  const expiring = consents.filter((consent) => consentState(consent) === 'expiring');

  return (
    <section className="notices" aria-live="polite" data-testid="notifications">
      <h2>Notifications</h2>
      {expiring.map((consent) => (
        <p key={`expiring-${consent.id}`} className="notice notice-expiring">
          The consent of {short(consent.grantee)} ends {when(consent.scope.window.until)}.
        </p>
      ))}
      {notices.map((notice) => (
        <p key={notice.id} className={`notice notice-${notice.kind}`} data-kind={notice.kind}>{notice.text}</p>
      ))}
      {notices.length === 0 && expiring.length === 0 && <p className="muted">Nothing new.</p>}
    </section>
  );
}
