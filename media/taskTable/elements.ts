/**
 * The one module that imports @vscode-elements/elements (the maintained successor of the archived
 * @vscode/webview-ui-toolkit): only the controls the panel uses, so the bundle stays small. The
 * table itself is a native <table>; web components per row would be far too slow at 5,000 rows.
 * These are Lit elements that style themselves with constructed stylesheets and the style
 * property, both allowed by the webview's CSP (no inline style attributes).
 */
export { VscodeBadge } from '@vscode-elements/elements/dist/vscode-badge/index.js';
export { VscodeButton } from '@vscode-elements/elements/dist/vscode-button/index.js';
export { VscodeOption } from '@vscode-elements/elements/dist/vscode-option/index.js';
export { VscodeSingleSelect } from '@vscode-elements/elements/dist/vscode-single-select/index.js';
export { VscodeTextfield } from '@vscode-elements/elements/dist/vscode-textfield/index.js';
