import { Component, type ErrorInfo, type ReactNode } from "react";
import { CrashScreen } from "@/app/crash-screen";

interface ErrorBoundaryProps {
  children: ReactNode;
  /** What to show instead of the children; defaults to the generic crash screen. */
  fallback?: (error: Error, retry: () => void) => ReactNode;
}

interface ErrorBoundaryState {
  error: Error | null;
}

/** A render error (or a page whose code failed to load) shows a way out instead of a blank page. */
export class ErrorBoundary extends Component<ErrorBoundaryProps, ErrorBoundaryState> {
  override state: ErrorBoundaryState = { error: null };

  static getDerivedStateFromError(error: unknown): ErrorBoundaryState {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error("Personify failed while rendering", error, info.componentStack);
  }

  private readonly retry = () => this.setState({ error: null });

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return this.props.fallback
      ? this.props.fallback(error, this.retry)
      : <CrashScreen error={error} onRetry={this.retry} />;
  }
}
