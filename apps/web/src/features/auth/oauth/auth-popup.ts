const WIDTH = 520
const HEIGHT = 680

/**
 * Opens the sign-in popup at once, inside the click (browsers block popups opened later), blank
 * until the server hands out the authorization URL. Its opener is cut first: the provider's page
 * must not be able to navigate Courier's tab (reverse tabnabbing). Null when the popup is blocked.
 */
export function openAuthPopup(): Window | null {
  const left = Math.round(window.screenX + (window.outerWidth - WIDTH) / 2)
  const top = Math.round(window.screenY + (window.outerHeight - HEIGHT) / 2)
  const popup = window.open(
    'about:blank',
    'courier-oauth',
    `popup,width=${WIDTH},height=${HEIGHT},left=${left},top=${top}`,
  )
  if (!popup) return null
  try {
    popup.opener = null
    popup.document.title = 'Signing in…'
  } catch {
    /* a named window left on another origin: navigating it still works */
  }
  return popup
}
