import { createContext, type ReactNode, useContext } from "react";

/**
 * Where a page with a prompt box shows the prompt tools (ideas, polish, assistant). Features never
 * import each other, so the prompt-tools feature is plugged in by the app (`src/app`), and pages
 * only place the slot next to their prompt box.
 */
export interface PromptToolsProps {
  prompt: string;
  onPromptChange: (prompt: string) => void;
  /** The feature registry slug of the page ("ai-image" on the AI Image page). */
  feature: string;
  /** Token names the prompt may use, e.g. ["FIRSTNAME", "COMPANY"]. */
  tokenNames: readonly string[];
}

export type RenderPromptTools = (props: PromptToolsProps) => ReactNode;

const PromptToolsContext = createContext<RenderPromptTools | null>(null);

export const PromptToolsProvider = PromptToolsContext.Provider;

export function PromptToolsSlot(props: PromptToolsProps) {
  const render = useContext(PromptToolsContext);
  return render ? render(props) : null;
}
