// Values as a person reads them.

/** An address shortened for display; the full one is in the title. */
export function short(address: unknown): string {
  const text = addressText(address);
  return text.length > 14 ? `${text.slice(0, 6)}…${text.slice(-6)}` : text;
}

/** An AccountId32 (dedot's object) or a string, as SS58 text. */
export function addressText(address: unknown): string {
  if (typeof address === 'string') return address;
  const account = address as { address?: () => string } | null;
  return typeof account?.address === 'function' ? account.address() : String(address);
}

export function when(ms: bigint | number): string {
  const value = Number(ms);
  if (value === 0) return 'from the start';
  return new Date(value).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}

/** Bytes as text when they are printable (a pointer), else hex. */
export function bytesText(bytes: string): string {
  const hex = bytes.startsWith('0x') ? bytes.slice(2) : bytes;
  const raw = new Uint8Array(hex.match(/../g)?.map((pair) => parseInt(pair, 16)) ?? []);
  const text = new TextDecoder('utf-8', { fatal: false }).decode(raw);
  return /^[\x20-\x7e]*$/.test(text) ? text : bytes;
}

function valueText(value: unknown): string {
  if (value === null || value === undefined) return '-';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'object' && typeof (value as { address?: unknown }).address === 'function') return short(value);
  if (typeof value === 'object') {
    const tagged = value as { type?: string; value?: unknown };
    if (tagged.type) return tagged.value === undefined ? tagged.type : `${tagged.type}(${valueText(tagged.value)})`;
    return JSON.stringify(value, (_, inner) => (typeof inner === 'bigint' ? inner.toString() : inner));
  }
  return String(value);
}

/** "ConsentGranted: patient 5Grw…, grantee 5FHn…". */
export function describeEvent(name: string, data: unknown): string {
  const fields = Object.entries((data ?? {}) as Record<string, unknown>)
    .map(([field, value]) => `${field} ${valueText(value)}`);
  return fields.length ? `${name}: ${fields.join(', ')}` : name;
}
