import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "@/app/app";
import { captureInstallPrompt } from "@/app/pwa/install-prompt-store";
import "@/index.css";

captureInstallPrompt();

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element to render Personify into.");

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
