// Placeholder: the Rules page is built on the console-pages branch, which replaces this file.
import { el } from '../dom.js';

export default {
  title: 'Rules',
  render(view) {
    view.root.append(el('h1', {}, 'Rules'), el('p', { class: 'muted' }, 'Coming soon.'));
  },
};
