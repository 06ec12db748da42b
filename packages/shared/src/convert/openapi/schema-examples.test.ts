import { describe, expect, it } from 'vitest'
import { schemaExamples } from './schema-examples.js'

describe('examples made from response schemas (for mock servers)', () => {
  it('makes one per documented response, JSON from the schema, with its status and refs followed', async () => {
    const spec = JSON.stringify({
      openapi: '3.0.3',
      info: { title: 'T', version: '1' },
      paths: {
        '/pets/{id}': {
          get: {
            responses: {
              '200': {
                description: 'A pet',
                content: { 'application/json': { schema: { $ref: '#/components/schemas/Pet' } } },
              },
              default: {
                description: 'Error',
                content: {
                  'application/json': { schema: { type: 'object', properties: { code: { type: 'integer' } } } },
                },
              },
            },
          },
          delete: { responses: { '204': { description: 'Deleted' } } },
        },
      },
      components: {
        schemas: {
          Pet: { type: 'object', properties: { name: { type: 'string', example: 'Rex' }, id: { type: 'integer' } } },
        },
      },
    })
    const examples = await schemaExamples(spec)
    expect([...examples.keys()]).toEqual(['GET /pets/{id}', 'DELETE /pets/{id}'])
    const [ok, error] = examples.get('GET /pets/{id}')!
    expect(ok).toMatchObject({ status: 200, statusText: 'A pet', headers: [['Content-Type', 'application/json']] })
    expect(JSON.parse(ok!.body)).toMatchObject({ name: 'Rex' })
    expect(error).toMatchObject({ status: 500, statusText: 'default: Error' })
    expect(examples.get('DELETE /pets/{id}')).toEqual([
      { name: '204 Deleted', status: 204, statusText: 'Deleted', headers: [], body: '' },
    ])
  })

  it('reads Swagger 2 response schemas too', async () => {
    const spec = JSON.stringify({
      swagger: '2.0',
      info: { title: 'T', version: '1' },
      paths: {
        '/x': {
          get: { responses: { '200': { description: 'ok', schema: { type: 'array', items: { type: 'string' } } } } },
        },
      },
    })
    const [example] = (await schemaExamples(spec)).get('GET /x')!
    expect(example!.status).toBe(200)
    expect(Array.isArray(JSON.parse(example!.body))).toBe(true)
  })
})
