// Placeholder: the Alerts page is built on the console-pages branch, which replaces this file.
import { el } from '../dom.js';

export default {
  title: 'Alerts',
  render(view) {
    view.root.append(el('h1', {}, 'Alerts'), el('p', { class: 'muted' }, 'Coming soon.'));
  },
};
