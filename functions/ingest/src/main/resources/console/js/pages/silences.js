// Placeholder: the Silences page is built on the console-pages branch, which replaces this file.
import { el } from '../dom.js';

export default {
  title: 'Silences',
  render(view) {
    view.root.append(el('h1', {}, 'Silences'), el('p', { class: 'muted' }, 'Coming soon.'));
  },
};
