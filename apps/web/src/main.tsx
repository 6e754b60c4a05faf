import { unstableSetRender } from 'antd';
import { StrictMode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { AppProviders } from './app/app-providers';
import './app/app.css';

// antd 5 renders its static pieces (Modal.confirm, message, wave) through this hook on React 19.
const roots = new WeakMap<Element | DocumentFragment, Root>();
unstableSetRender((node, container) => {
  let r = roots.get(container);
  if (!r) {
    r = createRoot(container);
    roots.set(container, r);
  }
  r.render(node);
  const mounted = r;
  return async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
    mounted.unmount();
    roots.delete(container);
  };
});

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');
createRoot(root).render(
  <StrictMode>
    <AppProviders />
  </StrictMode>,
);
