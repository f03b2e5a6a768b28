// What a container's payload holds: the record itself (a FHIR R4 resource
// as JSON, or a file) together with the salts of its Merkle fields, as
// UTF-8 JSON. Only the content's holders see the salts.

import { fromHex, fromUtf8, toHex, utf8 } from './bytes.js';
import { fhirFields, saltFields, type SaltedField } from './fields.js';

export type RecordContent =
  | { kind: 'fhir'; resource: Record<string, unknown>; fields: SaltedField[] }
  | { kind: 'file'; name: string; mediaType: string; data: Uint8Array; fields: SaltedField[] };

export class ContentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ContentError';
  }
}

/** A FHIR resource's content, each of its fields salted afresh. */
export function fhirContent(resource: Record<string, unknown>): RecordContent {
  if (!resource || typeof resource !== 'object' || typeof resource.resourceType !== 'string') {
    throw new ContentError('a FHIR resource is a JSON object with a resourceType');
  }
  return { kind: 'fhir', resource, fields: saltFields(fhirFields(resource)) };
}

function base64(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

function unbase64(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

export function encodeContent(content: RecordContent): Uint8Array {
  const fields = content.fields.map(({ path, value, salt, commitment }) => ({
    path, value, salt: toHex(salt),
    ...(commitment ? { commitment: { digest: toHex(commitment.digest), blinding: commitment.blinding } } : {}),
  }));
  const json = content.kind === 'fhir'
    ? { kind: 'fhir', resource: content.resource, fields }
    : { kind: 'file', name: content.name, mediaType: content.mediaType, data: base64(content.data), fields };
  return utf8(JSON.stringify(json));
}

export function decodeContent(payload: Uint8Array): RecordContent {
  let json: any;
  try {
    json = JSON.parse(fromUtf8(payload));
  } catch {
    throw new ContentError('the payload is not UTF-8 JSON');
  }
  const fields: SaltedField[] = (Array.isArray(json?.fields) ? json.fields : []).map(
    (field: any) => ({
      path: String(field.path), value: String(field.value), salt: fromHex(String(field.salt)),
      ...(field.commitment
        ? { commitment: { digest: fromHex(String(field.commitment.digest)), blinding: String(field.commitment.blinding) } }
        : {}),
    }));
  if (json?.kind === 'fhir' && json.resource && typeof json.resource.resourceType === 'string') {
    return { kind: 'fhir', resource: json.resource, fields };
  }
  if (json?.kind === 'file' && typeof json.data === 'string') {
    return { kind: 'file', name: String(json.name), mediaType: String(json.mediaType), data: unbase64(json.data), fields };
  }
  throw new ContentError('the payload is neither a FHIR resource nor a file');
}
