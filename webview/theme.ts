/**
 * VS Code theme colours for what CSS cannot colour by itself (canvas charts). VS Code sets the
 * --vscode-* variables on <html> and the theme kind as a class on <body>; both are watched so
 * the charts are redrawn in the new colours when the user switches themes.
 */

export interface ChartColors {
  foreground: string;
  muted: string;
  grid: string;
  background: string;
  /** Series colours in a fixed order (depth variants, train/held-out, ...). */
  series: string[];
  teacher: string;
  font: string;
}

function cssVar(style: CSSStyleDeclaration, name: string, fallback: string): string {
  const v = style.getPropertyValue(name).trim();
  return v || fallback;
}

export function themeKind(): 'light' | 'dark' | 'high-contrast' | 'high-contrast-light' {
  const c = document.body.classList;
  if (c.contains('vscode-high-contrast-light')) return 'high-contrast-light';
  if (c.contains('vscode-high-contrast')) return 'high-contrast';
  return c.contains('vscode-light') ? 'light' : 'dark';
}

export function chartColors(): ChartColors {
  const st = getComputedStyle(document.documentElement);
  const fg = cssVar(st, '--vscode-foreground', '#cccccc');
  return {
    foreground: fg,
    muted: cssVar(st, '--vscode-descriptionForeground', fg),
    grid: cssVar(st, '--vscode-charts-lines', 'rgba(128,128,128,0.35)'),
    background: cssVar(st, '--vscode-editor-background', '#1e1e1e'),
    series: [
      cssVar(st, '--vscode-charts-blue', '#3794ff'),
      cssVar(st, '--vscode-charts-orange', '#d18616'),
      cssVar(st, '--vscode-charts-green', '#89d185'),
      cssVar(st, '--vscode-charts-purple', '#b180d7'),
      cssVar(st, '--vscode-charts-yellow', '#cca700'),
      cssVar(st, '--vscode-charts-red', '#f14c4c'),
    ],
    teacher: cssVar(st, '--vscode-charts-foreground', fg),
    font: `${cssVar(st, '--vscode-font-size', '13px')} ${cssVar(st, '--vscode-font-family', 'sans-serif')}`,
  };
}

/** Calls `cb` (debounced to one frame) whenever the theme class or theme variables change. */
export function onThemeChange(cb: () => void): void {
  let pending = false;
  const fire = () => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      cb();
    });
  };
  const observer = new MutationObserver(fire);
  observer.observe(document.body, { attributes: true, attributeFilter: ['class'] });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
}
