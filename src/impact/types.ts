// The impact lookup contract lives with the families' other provider contracts.
export type { FindingWithImpact, Impact, Lookup, LookupContext } from '../analyzers/providers';
export { LookupTimeout } from '../analyzers/providers';
