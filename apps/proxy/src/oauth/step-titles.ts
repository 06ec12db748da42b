import type { OAuthStepId } from '@courier/shared'

/** What the flow inspector calls each step: the one place these titles are written. */
export const STEP_TITLES = {
  discovery: 'Discovery',
  authorize: 'Authorization request',
  callback: 'Callback',
  state: 'State check',
  token: 'Token request',
  'device-authorization': 'Device authorization',
  'device-poll': 'Polling the token endpoint',
  refresh: 'Refresh token request',
  verify: 'Token inspection',
} as const satisfies Record<OAuthStepId, string>

/** The implicit grant's token step: the token came in the fragment, not from a token request. */
export const FRAGMENT_TOKEN_TITLE = 'Token from the fragment'

/** How an error message names the step it failed in ("Device poll: the code expired…"). */
export const STEP_IN_MESSAGES = {
  authorize: 'Authorization request',
  token: 'Token request',
  refresh: 'Refresh',
  'device-authorization': 'Device authorization',
  'device-poll': 'Device poll',
} as const satisfies Partial<Record<OAuthStepId, string>>
