// After the prelude, everything a script can reach in the shared realm is frozen, so a run cannot
// leave state for the next one (Array.prototype.x = 1, JSON.parse = …, chai.config …). Properties
// that code commonly assigns on its own objects (message, name, toString, …) become accessors that
// define an own property on the receiver: freezing them as data would break `err.message = …`
// (the "override mistake").
const OVERRIDABLE = ['constructor', 'name', 'message', 'stack', 'toString', 'valueOf', 'toJSON', 'toLocaleString']

function enableOverride(obj, key) {
  const desc = Object.getOwnPropertyDescriptor(obj, key)
  if (!desc || !('value' in desc) || !desc.configurable) return
  const value = desc.value
  Object.defineProperty(obj, key, {
    configurable: false,
    enumerable: desc.enumerable,
    get() {
      return value
    },
    set(next) {
      if (this === obj) throw new TypeError(`Cannot assign to read-only property '${String(key)}' of a shared object`)
      Object.defineProperty(this, key, { value: next, writable: true, enumerable: true, configurable: true })
    },
  })
}

function walk(root, seen) {
  const queue = [root]
  while (queue.length) {
    const obj = queue.pop()
    if ((typeof obj !== 'object' && typeof obj !== 'function') || obj === null || seen.has(obj)) continue
    seen.add(obj)
    const isPrototype =
      typeof obj === 'object' && Object.prototype.hasOwnProperty.call(obj, 'constructor') && obj !== root
    if (isPrototype) for (const key of OVERRIDABLE) enableOverride(obj, key)
    for (const key of Reflect.ownKeys(obj)) {
      const desc = Object.getOwnPropertyDescriptor(obj, key)
      if (!desc) continue
      if ('value' in desc) queue.push(desc.value)
      if (desc.get) queue.push(desc.get)
      if (desc.set) queue.push(desc.set)
    }
    queue.push(Object.getPrototypeOf(obj))
    Object.freeze(obj)
  }
}

export function freezeRealm(...roots) {
  const seen = new Set()
  for (const root of roots) walk(root, seen)
  // Intrinsics reachable only through syntax.
  for (const value of [
    async function () {},
    function* () {},
    async function* () {},
    (function* () {})(),
    [][Symbol.iterator](),
    new Map()[Symbol.iterator](),
    new Set()[Symbol.iterator](),
    ''[Symbol.iterator](),
    /x/[Symbol.matchAll]?.(''),
  ]) {
    if (value) walk(Object.getPrototypeOf(value), seen)
  }
}
