import type { ErrorCode } from '@courier/shared'
import { CourierError } from '../errors.js'
import { toCourierError } from '../engine/map-error.js'
import type { FrameInput } from './adapter.js'
import type { PolicyAgent } from './policy-agent.js'

export type OutgoingMessage = { format: 'text' | 'json' | 'binary'; data: string }

/** A composer message as it goes on the wire, and as the timeline shows it. JSON must parse; it travels as text. */
export function encodeOutgoing(
  message: OutgoingMessage,
  resolveMessage: (text: string) => { text: string; shown: string } = (text) => ({ text, shown: text }),
): {
  payload: string | Buffer
  binary: boolean
  shown: FrameInput
} {
  if (message.format === 'binary') {
    const bytes = Buffer.from(message.data, 'base64')
    return {
      payload: bytes,
      binary: true,
      shown: { dir: 'out', type: 'binary', size: bytes.length, data: bytes.toString('base64'), encoding: 'base64' },
    }
  }
  const { text, shown } = resolveMessage(message.data)
  if (message.format === 'json') parseJson(text)
  return {
    payload: text,
    binary: false,
    shown: { dir: 'out', type: 'text', size: Buffer.byteLength(text), data: shown },
  }
}

/** Parses a JSON message, or refuses it with a sentence saying what is wrong. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch (error) {
    throw new CourierError(
      'REALTIME_MESSAGE_INVALID',
      `The message is not valid JSON (${error instanceof Error ? error.message : 'it does not parse'}); fix it or send it as text.`,
    )
  }
}

/**
 * Why an upstream connection failed, as the page and history say it: the destination policy's
 * refusal (TARGET_FORBIDDEN with the same sentence as a send's), DNS, a refused connection, TLS…
 */
export function upstreamFailure(error: unknown, policy: PolicyAgent): { code: ErrorCode; message: string } {
  const refused = policy.failure()
  if (refused) return { code: refused.code, message: refused.message }
  const mapped = toCourierError(error, 'connect')
  if (mapped.code !== 'INTERNAL') return { code: mapped.code, message: mapped.message }
  const text = error instanceof Error ? error.message : String(error)
  return { code: 'REALTIME_UPSTREAM_ERROR', message: `The realtime connection failed: ${text}` }
}
