/** The board's stylesheet, inlined into each page (one request, no build step). */
export const BOARD_CSS = `
*{box-sizing:border-box}body{margin:0;font:15px/1.45 system-ui,"Noto Sans","Noto Sans CJK SC",sans-serif;background:#f4f5f7;color:#1d1f23}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem;z-index:9}
.top{display:flex;gap:1rem;align-items:center;flex-wrap:wrap;padding:.6rem 1rem;background:#1d2433;color:#fff}.top h1{font-size:1.15rem;margin:0}
.top a{color:#cfe0ff}.top form{margin:0}.live{margin-left:auto;font-size:.85rem;opacity:.85}
.filters{display:flex;gap:.75rem;flex-wrap:wrap;align-items:end;padding:.6rem 1rem;background:#fff;border-bottom:1px solid #dde}
.filters label{display:grid;font-size:.8rem;color:#555}select,button,textarea{font:inherit}
button{padding:.3rem .65rem;border:1px solid #9aa3b5;border-radius:4px;background:#fff;cursor:pointer}button:hover{background:#eef2ff}
button[data-action=approve]{background:#1f6f3f;color:#fff;border-color:#1f6f3f}button[data-action=dismiss]{color:#8a1c1c}
:focus-visible{outline:3px solid #2f6fed;outline-offset:2px}
main{padding:1rem;display:grid;gap:.8rem;max-width:980px}
.card{background:#fff;border:1px solid #d8dbe2;border-left:6px solid #9aa3b5;border-radius:6px;padding:.7rem 1rem}
.card.risk-medium{border-left-color:#d99a00}.card.risk-high,.card.risk-critical{border-left-color:#c62828}.card.risk-low{border-left-color:#5b8def}
.card.fresh{animation:fresh 2s ease-out}@keyframes fresh{from{background:#fff7d6}to{background:#fff}}
.card header{display:flex;gap:.5rem;align-items:baseline;flex-wrap:wrap}.card h2{font-size:1rem;margin:0}.group{font-weight:400;color:#666;font-size:.85rem}
.badge{font-size:.75rem;padding:.05rem .45rem;border-radius:9px;background:#eceff4}.risk-high .badge.risk,.risk-critical .badge.risk{background:#c62828;color:#fff}
.risk-medium .badge.risk{background:#ffe08a}.flag{background:#ffe3e3;color:#8a1c1c}
.meta{color:#555;font-size:.85rem;margin:.25rem 0}.text{margin:.4rem 0;padding:.4rem .7rem;background:#f6f7fb;border-left:3px solid #c8cede;white-space:pre-wrap}
.suggestion .draft,.translation span{white-space:pre-wrap}.translation{color:#444;border-left:3px solid #ccd;padding-left:.5em}.llm-draft{font-size:.9em;color:#555}.outcome.sent{color:#1f6f3f}.outcome.failed{color:#a40000}
.actions{display:flex;gap:.4rem;flex-wrap:wrap;align-items:center}.editor{display:grid;gap:.3rem;margin-top:.5rem}.editor textarea{width:100%}
kbd{font-size:.7rem;border:1px solid #bbb;border-radius:3px;padding:0 .25rem;background:#f7f7f7;color:#333}
.status{min-height:1em;margin:.3rem 0 0;font-size:.85rem;color:#444}.demo{margin:1rem;padding:.6rem 1rem;background:#fffbea;border:1px dashed #d9b200;max-width:980px}
.demo h2{font-size:1rem;margin:0 0 .4rem}.demo h3{font-size:.9rem}.history{list-style:none;padding:0}.msg{margin:.4rem 0;padding:.4rem .7rem;border-radius:6px;max-width:70ch}
.msg.inbound{background:#fff;border:1px solid #d8dbe2}.msg.outbound{background:#e6f4ea;margin-left:auto}.msg .who{font-weight:600}
.help{margin:1rem}
`;
