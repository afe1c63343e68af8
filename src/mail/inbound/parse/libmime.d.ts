// libmime ships without types; mailparser depends on it and we only use the
// two helpers below, so a minimal declaration is enough.
declare module 'libmime' {
  interface ParsedHeaderValue {
    value: string;
    params: Record<string, string>;
  }
  const libmime: {
    decodeWords(value: string): string;
    parseHeaderValue(value: string): ParsedHeaderValue;
  };
  export default libmime;
}
