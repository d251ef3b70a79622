import "./zod-config";
import { createDOMRenderer, RendererProvider } from "@fluentui/react-components";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { Root } from "./app/Root";
import "./index.css";

// The server's Content-Security-Policy lets style elements apply only with this page load's nonce;
// Fluent UI puts it on the style elements it creates.
const nonce = document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content;
const renderer = createDOMRenderer(document, nonce ? { styleElementAttributes: { nonce } } : {});

const root = document.getElementById("root");
if (root)
  createRoot(root).render(
    <StrictMode>
      <RendererProvider renderer={renderer} targetDocument={document}>
        <Root />
      </RendererProvider>
    </StrictMode>,
  );
