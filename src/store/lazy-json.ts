/**
 * A property whose value is kept as JSON text until it is first read (or assigned): a rebuild takes
 * a thousand reports' checked models from the load cache, and most never read their text, checked
 * rules or tables (an edit renders and prints a few reports; the checks across reports read the
 * figures). The value read is what JSON.parse gives of the text; the property keeps its place
 * among the object's keys. Until it is read, the text can be handed on as it is (unparsedJson).
 */
const texts = new WeakMap<object, Map<string, string | Uint8Array>>();

/** JSON text as a string, or as its UTF-8 bytes (decoded only when parsed). */
export const jsonText = (text: string | Uint8Array): string => (typeof text === 'string' ? text : Buffer.from(text.buffer, text.byteOffset, text.byteLength).toString('utf8'));

/**
 * Makes `key` of `target` (an existing key, to keep its place) the value of `text`, parsed when
 * first read. The text may be UTF-8 bytes: a part never read is then never decoded either.
 */
export function lazyJsonProperty(target: object, key: string, text: string | Uint8Array): void {
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
export function unparsedJson(target: object, key: string): string | Uint8Array | undefined {
  return texts.get(target)?.get(key);
}
