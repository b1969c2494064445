import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';

type CentreSummary = { id: string; name: { en: string; ar: string } };

function App() {
  const [centres, setCentres] = useState<CentreSummary[]>([]);
  useEffect(() => {
    fetch('/api/v1/centres')
      .then((r) => r.json())
      .then((body: { items: CentreSummary[] }) => setCentres(body.items));
  }, []);
  return (
    <main>
      <h1>Mawaeed</h1>
      <ul>
        {centres.map((c) => (
          <li key={c.id}>{c.name.en}</li>
        ))}
      </ul>
    </main>
  );
}

const root = document.getElementById('root');
if (root)
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
