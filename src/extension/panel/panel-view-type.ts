/** The panel's webview type (package.json: onWebviewPanel:dnaSearch.panel), on its own so activation can name it without loading the panel. */
export const PANEL_VIEW_TYPE = 'dnaSearch.panel';
