/** A part of the editor that fails to draw says so in its place; the rest of the page, and the document with its undo history, stay. */
import { Component, type ErrorInfo, type ReactNode } from 'react';

export class ErrorBoundary extends Component<{ where: string; children: ReactNode }, { error?: Error }> {
  state: { error?: Error } = {};

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  componentDidCatch(error: Error, info: ErrorInfo) {
    console.warn(`Flexsheet: ${this.props.where} could not be drawn`, error, info.componentStack);
  }

  render() {
    if (!this.state.error) return this.props.children;
    return (
      <div className="boundary-error" role="alert">
        <p>
          {this.props.where[0].toUpperCase()}
          {this.props.where.slice(1)} could not be drawn: {this.state.error.message}. Your plant and its undo history are intact; undo the last change (Ctrl+Z) or save the file.
        </p>
        <button type="button" onClick={() => this.setState({ error: undefined })}>
          Try again
        </button>
      </div>
    );
  }
}
