import clsx from "clsx";
import { inputClasses } from "@/components/ui/text-field";

/** The batch setup's inputs: the shared text field look with the violet focus ring. */
export const fieldClasses = clsx(
  inputClasses,
  "border-line focus:border-violet-500 focus:ring-violet-500/20",
);
