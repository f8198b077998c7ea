/**
 * A property whose value is kept as JSON text until it is first read (or assigned): a rebuild takes
 * a thousand reports' checked models from the load cache, and most never read their text, checked
 * rules or tables (an edit renders and prints a few reports; the checks across reports read the
 * figures). The value read is what JSON.parse gives of the text; the property keeps its place
 * among the object's keys. Until it is read, the text can be handed on as it is (unparsedJson):
 * as a string, as its UTF-8 bytes, or as where those bytes lie in a cache entry (entry-part.ts).
 */
import { isEntryPart, readEntryPart, type EntryPart } from './entry-part.ts';

export type JsonText = string | Uint8Array | EntryPart;

const texts = new WeakMap<object, Map<string, JsonText>>();

/** JSON text as a string, from its UTF-8 bytes or from a cache entry's part (read and checked then). */
export function jsonText(text: JsonText): string {
  if (typeof text === 'string') return text;
  if (isEntryPart(text)) return readEntryPart(text).toString('utf8');
  return Buffer.from(text.buffer, text.byteOffset, text.byteLength).toString('utf8');
}

/**
 * Makes `key` of `target` (an existing key, to keep its place) the value of `text`, parsed when
 * first read. The text may be UTF-8 bytes: a part never read is then never decoded either.
 */
export function lazyJsonProperty(target: object, key: string, text: JsonText): void {
  let own = texts.get(target);
  if (!own) texts.set(target, (own = new Map()));
  own.set(key, text);
  const settle = (value: unknown) => {
    own.delete(key);
    Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
    return value;
  };
  Object.defineProperty(target, key, {
    enumerable: true,
    configurable: true,
    get: () => settle(JSON.parse(jsonText(text))),
    set: (value: unknown) => void settle(value),
  });
}

/** The JSON text (or its bytes) of `key` when it has not been read yet; undefined once it has (or if it never was lazy). */
export function unparsedJson(target: object, key: string): JsonText | undefined {
  return texts.get(target)?.get(key);
}
