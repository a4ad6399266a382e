// Placeholder: the Database page is built on the console-pages branch, which replaces this file.
import { el } from '../dom.js';

export default {
  title: 'Database',
  render(view) {
    view.root.append(el('h1', {}, 'Database'), el('p', { class: 'muted' }, 'Coming soon.'));
  },
};
