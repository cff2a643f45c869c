// A harness as one object: how its hook input is read and answered and where its hook settings
// live (the adapter), how airlock installs and removes its hook (the install target), and how
// `airlock doctor` checks that hook (the probe). The hook itself imports only adapters.ts (this
// module pulls in the installer and the doctor, which the hook never needs).
import { ADAPTERS, HARNESSES, type Harness, type HarnessName } from '../../harness/adapters';
import { HARNESS_TARGETS, type Ctx, type Target } from '../install/targets';
import { HARNESS_PROBES, type TargetReport } from '../install/doctor';

export interface HarnessObject {
  name: HarnessName;
  /** Hook input and answers, timeout, hook settings paths (hookPaths). */
  adapter: Harness;
  /** `airlock install/uninstall NAME`. */
  target: Target;
  /** `airlock doctor`'s check of the installed hook. */
  probe(ctx: Ctx): TargetReport;
}

export const HARNESS_OBJECTS: Record<HarnessName, HarnessObject> = Object.fromEntries(
  HARNESSES.map((name) => [name, { name, adapter: ADAPTERS[name], target: HARNESS_TARGETS[name], probe: HARNESS_PROBES[name] }]),
) as Record<HarnessName, HarnessObject>;
