// Postman's response assertions (chai-postman): pm.response.to.have.status(200), .to.be.ok, … as a
// chai plugin, with Postman's messages. They apply to objects made by responseApi (marked below).
const RESPONSE = Symbol('courier.response')

export function markResponse(response) {
  Object.defineProperty(response, RESPONSE, { value: true })
}

export function isResponse(value) {
  return Boolean(value && typeof value === 'object' && value[RESPONSE] === true)
}

function getPath(value, path) {
  const parts = String(path)
    .replace(/\[(\w+)\]/g, '.$1')
    .split('.')
    .filter(Boolean)
  let node = value
  for (const part of parts) {
    if (node === null || typeof node !== 'object' || !(part in node)) return { found: false }
    node = node[part]
  }
  return { found: true, value: node }
}

const classes = {
  info: [100, 199, 'informational'],
  success: [200, 299, 'success'],
  redirection: [300, 399, 'redirection'],
  clientError: [400, 499, 'client error'],
  serverError: [500, 599, 'server error'],
  error: [400, 599, 'error'],
}

const codes = {
  accepted: 202,
  withoutContent: 204,
  badRequest: 400,
  unauthorized: 401,
  unauthorised: 401,
  forbidden: 403,
  notFound: 404,
  notAcceptable: 406,
  rateLimited: 429,
}

export function installPostmanAssertions(chai) {
  chai.use((lib, utils) => {
    const { Assertion } = lib
    const responseOf = (assertion) => {
      const obj = utils.flag(assertion, 'object')
      if (!isResponse(obj)) throw new TypeError('expected a response (pm.response or a pm.sendRequest response)')
      return obj
    }

    Assertion.overwriteProperty(
      'ok',
      (original) =>
        function () {
          if (!isResponse(utils.flag(this, 'object'))) return original.call(this)
          const code = responseOf(this).code
          this.assert(
            code >= 200 && code <= 299,
            `expected response code to be 2XX but found ${code}`,
            `expected response code to not be 2XX but found ${code}`,
          )
        },
    )
    for (const [name, [low, high, label]] of Object.entries(classes)) {
      Assertion.addProperty(name, function () {
        const code = responseOf(this).code
        this.assert(
          code >= low && code <= high,
          `expected response code to be ${label} (${String(low)[0]}XX) but found ${code}`,
          `expected response code to not be ${label} but found ${code}`,
        )
      })
    }
    for (const [name, expected] of Object.entries(codes)) {
      Assertion.addProperty(name, function () {
        const code = responseOf(this).code
        this.assert(
          code === expected,
          `expected response code to be ${expected} but found ${code}`,
          `expected response code to not be ${expected} but found ${code}`,
        )
      })
    }
    Assertion.addMethod('status', function (expected) {
      const res = responseOf(this)
      if (typeof expected === 'string') {
        this.assert(
          res.status === expected,
          `expected response to have status reason '${expected}' but got '${res.status}'`,
          `expected response to not have status reason '${expected}'`,
        )
        return
      }
      this.assert(
        res.code === expected,
        `expected response to have status code ${expected} but got ${res.code}`,
        `expected response to not have status code ${expected}`,
      )
    })
    Assertion.addMethod('header', function (key, value) {
      const res = responseOf(this)
      const has = res.headers.has(key)
      if (arguments.length < 2) {
        this.assert(
          has,
          `expected response to have header with key '${key}'`,
          `expected response to not have header with key '${key}'`,
        )
        return
      }
      const actual = res.headers.get(key)
      this.assert(
        has && String(actual) === String(value),
        `expected '${key}' response header to be '${value}' but got '${actual}'`,
        `expected '${key}' response header to not be '${value}'`,
      )
    })
    Assertion.addProperty('withBody', function () {
      const body = responseOf(this).text()
      this.assert(
        body.length > 0,
        'expected response to have content in body',
        'expected response to not have content in body',
      )
    })
    Assertion.addProperty('json', function () {
      let ok = true
      try {
        JSON.parse(responseOf(this).text())
      } catch {
        ok = false
      }
      this.assert(ok, 'expected response body to be a valid json', 'expected response body not to be a valid json')
    })
    Assertion.addMethod('body', function (expected) {
      const text = responseOf(this).text()
      if (arguments.length === 0) {
        this.assert(
          text.length > 0,
          'expected response to have content in body',
          'expected response to not have content in body',
        )
      } else if (expected instanceof RegExp) {
        this.assert(
          expected.test(text),
          `expected response body to match ${expected}`,
          `expected response body to not match ${expected}`,
        )
      } else if (typeof expected === 'string') {
        this.assert(
          text === expected,
          `expected response body to equal '${expected}'`,
          `expected response body to not equal '${expected}'`,
        )
      } else {
        let body
        try {
          body = JSON.parse(text)
        } catch {
          body = undefined
        }
        this.assert(
          utils.eql(body, expected),
          'expected response body json to equal #{exp} but got #{act}',
          'expected response body json to not equal #{exp}',
          expected,
          body,
        )
      }
    })
    Assertion.addMethod('jsonBody', function (path, value) {
      let body
      try {
        body = JSON.parse(responseOf(this).text())
      } catch {
        this.assert(false, 'expected response body to be a valid json', '')
        return
      }
      if (arguments.length === 0) {
        this.assert(true, '', 'expected response body not to be a valid json')
        return
      }
      if (typeof path === 'object' && path !== null) {
        this.assert(
          utils.eql(body, path),
          'expected response body json to equal #{exp} but got #{act}',
          'expected response body json to not equal #{exp}',
          path,
          body,
        )
        return
      }
      const found = getPath(body, path)
      if (arguments.length === 1) {
        this.assert(
          found.found,
          `expected #{this} to have property '${path}'`,
          `expected #{this} to not have property '${path}'`,
        )
        return
      }
      this.assert(
        found.found && utils.eql(found.value, value),
        `expected response body json at "${path}" to contain #{exp} but got #{act}`,
        `expected response body json at "${path}" to not contain #{exp}`,
        value,
        found.value,
      )
    })
    Assertion.addMethod('responseTime', function (limit) {
      const time = responseOf(this).responseTime
      this.assert(
        time <= limit,
        `expected response time ${time} ms to be at most ${limit} ms`,
        `expected response time to be above ${limit} ms`,
      )
    })
  })
}
