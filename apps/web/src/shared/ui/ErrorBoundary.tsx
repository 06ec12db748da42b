import { Component, type ErrorInfo, type ReactNode } from 'react'
import './error-boundary.css'

type ErrorBoundaryProps = { area: string; children: ReactNode; resetKey?: unknown }
type ErrorBoundaryState = { error: Error | null; resetKey: unknown }

/**
 * Keeps a failure in one part of the page (a response that renders badly, say) from blanking the
 * whole app: that part says what happened and offers to try again; the rest keeps working.
 * A new `resetKey` (another tab, another response) clears the error.
 */
export class ErrorBoundary extends Component<ErrorBoundaryProps, ErrorBoundaryState> {
  override state: ErrorBoundaryState = { error: null, resetKey: undefined }

  static getDerivedStateFromError(error: Error): Partial<ErrorBoundaryState> {
    return { error }
  }

  static getDerivedStateFromProps(
    props: ErrorBoundaryProps,
    state: ErrorBoundaryState,
  ): Partial<ErrorBoundaryState> | null {
    return props.resetKey !== state.resetKey ? { error: null, resetKey: props.resetKey } : null
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error(`${this.props.area} failed to render`, error, info.componentStack)
  }

  override render() {
    if (!this.state.error) return this.props.children
    return (
      <div className="error-boundary" role="alert">
        <p className="error-boundary__title">The {this.props.area} could not be shown.</p>
        <p className="error-boundary__detail">{this.state.error.message}</p>
        <button type="button" className="button button--small" onClick={() => this.setState({ error: null })}>
          Try again
        </button>
      </div>
    )
  }
}
