/**
 * A value built on first use, standing in for it meanwhile: schemas cost time to build (zod's
 * constructors), and most programs use few of them (a component checks its own arguments; only a
 * user catalog needs the catalog's schemas). Every read, `in`, key listing and `instanceof` goes to
 * the value, built once.
 */
/** @internal */
export function lazy<T extends object>(build: () => T): T {
  let value: T | undefined;
  const get = (): T => (value ??= build());
  return new Proxy({} as T, {
    get: (_target, key) => Reflect.get(get(), key),
    set: (_target, key, v) => Reflect.set(get(), key, v),
    has: (_target, key) => Reflect.has(get(), key),
    ownKeys: () => Reflect.ownKeys(get()),
    getOwnPropertyDescriptor: (_target, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(get(), key);
      // The stand-in has none of these properties itself, so it may only report them as configurable.
      return descriptor && { ...descriptor, configurable: true };
    },
    getPrototypeOf: () => Reflect.getPrototypeOf(get()),
  });
}
