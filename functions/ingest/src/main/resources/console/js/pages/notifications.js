// Placeholder: the Notifications page is built on the console-pages branch, which replaces this file.
import { el } from '../dom.js';

export default {
  title: 'Notifications',
  render(view) {
    view.root.append(el('h1', {}, 'Notifications'), el('p', { class: 'muted' }, 'Coming soon.'));
  },
};
