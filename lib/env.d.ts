// Vite's import suffixes, used for the bundled dataset and the card's shadow-root stylesheet.
declare module '*?raw' {
  const text: string;
  export default text;
}
declare module '*?inline' {
  const text: string;
  export default text;
}
