// What `airlock scan` reports. Values never leave the detector: a Credential carries the masked
// form and a fingerprint only (the raw value is kept in a side table for --online and dropped).

export type Source = 'tree' | 'home' | 'environ';

export interface Location {
  source: Source;
  /** File path (absolute for home files, relative to the scanned root for tree files). */
  path?: string;
  line?: number;
  /** Variable, key or profile the value sits under (RAILWAY_TOKEN, [prod] aws_secret_access_key). */
  variable?: string;
  /** The file is ignored by git (an agent still reads it). */
  ignored?: boolean;
}

export interface Capability {
  /** The provider answered and the credential works. */
  valid: boolean;
  /** Who or what the credential acts as (user e-mail, ARN, project/environment). */
  identity?: string;
  /** Account-wide (every project, every environment) or narrower. */
  broad: boolean;
  /** Environments it reaches, when the provider tells ("*" for all). */
  environments?: string[];
  /** One line a human reads: "account token: can delete volumes in every environment". */
  summary: string;
  /** Scopes or permissions as the provider lists them. */
  scopes?: string[];
  error?: string;
}

export interface Credential {
  provider: string;
  /** What kind of credential: "API token", "secret access key", "private key"... */
  kind: string;
  /** A short prefix and a fingerprint: "7f3a…#1c9e04b2". */
  masked: string;
  /** First 16 hex digits of the value's SHA-256: ties the same value found in several places. */
  fingerprint: string;
  location: Location;
  /** production | staging | development | unknown | another named environment */
  environment: string;
  /** What the environment was told by (path tokens, variable name, hosts in the same file). */
  evidence: string[];
  /** Which detector found it: a secretlint rule id or airlock's own context rule. */
  detector: string;
  capability?: Capability;
}

/** A detection with its value, inside src/scan only. */
export interface Hit {
  provider: string;
  kind: string;
  value: string;
  line?: number;
  variable?: string;
  detector: string;
  /** Extra secret parts used by --online (an AWS key id with its secret key). */
  companions?: Record<string, string>;
  /** Extra environment evidence specific to this hit (AWS profile name, kube context). */
  hints?: string[];
}

export interface WallFinding {
  level: 'error' | 'warning';
  credential: Credential;
  message: string;
}
