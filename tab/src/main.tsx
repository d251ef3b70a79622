import { createRoot } from "react-dom/client";

// Placeholder until the tab views land: shows the service is up.
function App() {
  return (
    <main>
      <h1>Tavoite-ennuste</h1>
      <p>Goal Forecast</p>
    </main>
  );
}

const root = document.getElementById("root");
if (root) createRoot(root).render(<App />);
