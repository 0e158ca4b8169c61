export { Header } from './Header';
export { HelpDialog } from './HelpDialog';
export { SafeText } from './SafeText';
export { SignIn } from './SignIn';
export { signInNeed, type SignInNeed } from './signInNeed';
export { useClusters, useCreateRefusal, useNamespaces, useSession } from './queries';
export { currentTheme, useTheme, type ThemeChoice } from './theme';
export { useShortcuts } from './shortcuts';
export {
  DEFAULT_LIST,
  formatRoute,
  listRoute,
  parseRoute,
  type EditorTab,
  type ListMode,
  type ListState,
  type Route,
  type SortKey,
} from './route';
export { addLeaveGuard, useRoute, type Go, type NavigateOptions } from './useRoute';
export { CodeText } from './CodeText';
export { announce, Toasts } from './toasts';
