// The credential-file table lives with the scanner (src/scan/secret-files.ts), which both the
// scanner and this family use: the family imports the scanner, never the other way.
export * from '../../scan/secret-files';
