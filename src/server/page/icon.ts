/** The tab icon, served as /assets/icon.svg: three timeline bars. */
export const ICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect x="1" y="2" width="9" height="3" rx="1" fill="#2f7de1"/><rect x="4" y="7" width="11" height="3" rx="1" fill="#1f9d55"/><rect x="2" y="12" width="6" height="3" rx="1" fill="#d93f3f"/></svg>`;
