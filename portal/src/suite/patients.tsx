// The patients who consented to the active account, kept in this browser
// per chain and account. The chain indexes consents by patient only, so a
// provider learns of its patients from the consents granted to it while the
// portal is open (a subscription held from sign-in, whatever the view) or
// by adding a patient's address.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useWatchContractEvent } from 'typink';
import { addressText } from './format';
import { toHex, useDataPlane } from './dataPlane';
import { useSuite } from './SuiteProvider';

const STORE = 'health-suite:patients:v1';
const MAX_PATIENTS = 200;

interface KnownPatients {
  patients: string[];
  remember: (patient: string) => void;
}

const PatientsContext = createContext<KnownPatients | undefined>(undefined);

export function KnownPatientsProvider({ children }: { children: ReactNode }) {
  const { contracts } = useSuite();
  const { account, deployment } = useDataPlane();
  const me = account?.address;
  const slot = me && deployment ? `${STORE}:${toHex(deployment.genesisHash)}:${me}` : undefined;
  const [patients, setPatients] = useState<string[]>([]);

  useEffect(() => {
    try {
      setPatients(slot ? JSON.parse(localStorage.getItem(slot) ?? '[]') : []);
    } catch {
      setPatients([]);
    }
  }, [slot]);

  const remember = useCallback((patient: string) => {
    if (!slot) return;
    setPatients((old) => {
      if (old.includes(patient)) return old;
      const next = [patient, ...old].slice(0, MAX_PATIENTS);
      localStorage.setItem(slot, JSON.stringify(next));
      return next;
    });
  }, [slot]);

  useWatchContractEvent(contracts.consent, 'ConsentGranted', useCallback((events) => {
    for (const event of events) if (me && addressText(event.data.grantee) === me) remember(addressText(event.data.patient));
  }, [me, remember]), Boolean(me));

  const value = useMemo(() => ({ patients, remember }), [patients, remember]);
  return <PatientsContext.Provider value={value}>{children}</PatientsContext.Provider>;
}

export function useKnownPatients(): KnownPatients {
  const state = useContext(PatientsContext);
  if (!state) throw new Error('useKnownPatients outside KnownPatientsProvider');
  return state;
}
