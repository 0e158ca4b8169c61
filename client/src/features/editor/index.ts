export { EditorPage } from './EditorPage';
export { ImportPage } from './ImportPage';
