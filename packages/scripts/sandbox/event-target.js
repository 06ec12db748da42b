// chai 6 keeps a module-level EventTarget for its plugin events; QuickJS has none. A minimal one.
if (typeof globalThis.EventTarget === 'undefined') {
  globalThis.Event = class Event {
    constructor(type) {
      this.type = type
    }
  }
  globalThis.EventTarget = class EventTarget {
    constructor() {
      this.listeners = {}
    }
    addEventListener(type, fn) {
      ;(this.listeners[type] ||= []).push(fn)
    }
    removeEventListener(type, fn) {
      this.listeners[type] = (this.listeners[type] || []).filter((f) => f !== fn)
    }
    dispatchEvent(event) {
      for (const fn of this.listeners[event.type] || []) fn(event)
      return true
    }
  }
}
