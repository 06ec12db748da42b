/** Ready-made lines a person adds with one click, as Postman's snippets list offers. */
export type Snippet = { label: string; code: string; phase: 'preRequest' | 'test' | 'both' }

export const SNIPPETS: Snippet[] = [
  {
    label: 'Status code is 200',
    phase: 'test',
    code: "pm.test('Status code is 200', () => {\n  pm.response.to.have.status(200)\n})\n",
  },
  {
    label: 'JSON value check',
    phase: 'test',
    code: "pm.test('Body has the id', () => {\n  const body = pm.response.json()\n  pm.expect(body.id).to.eql(1)\n})\n",
  },
  {
    label: 'Body contains a string',
    phase: 'test',
    code: "pm.test('Body contains text', () => {\n  pm.expect(pm.response.text()).to.include('text')\n})\n",
  },
  {
    label: 'Header is present',
    phase: 'test',
    code: "pm.test('Content-Type is present', () => {\n  pm.response.to.have.header('Content-Type')\n})\n",
  },
  {
    label: 'Response time under 500 ms',
    phase: 'test',
    code: "pm.test('Response time is under 500 ms', () => {\n  pm.expect(pm.response.responseTime).to.be.below(500)\n})\n",
  },
  {
    label: 'Save a value from the body',
    phase: 'test',
    code: "pm.environment.set('token', pm.response.json().token)\n",
  },
  { label: 'Set an environment variable', phase: 'both', code: "pm.environment.set('name', 'value')\n" },
  { label: 'Log to the console', phase: 'both', code: "console.log('value', pm.variables.get('name'))\n" },
]
