import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { installIdleHook } from './state/idle';
import { installUrlHash } from './state/url-hash';
import { installDeliveriesStore } from './state/deliveries-store';
import { warmUpEngine } from './state/load-store';
import './App.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

// The worker (and its parser) boot while the admin is still picking files.
warmUpEngine();
installIdleHook();
installUrlHash();
installDeliveriesStore();
