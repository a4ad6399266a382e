// Host: placeholder until the charts land (same commit series).
import { el } from '../dom.js';
export default {
  title: 'Host',
  render(view) { view.root.append(el('h1', {}, view.params.name)); },
};
