export { CookieManager } from './CookieManager'
export { cookieListOptions } from './cookie-queries'
