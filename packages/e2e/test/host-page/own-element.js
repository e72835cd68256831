// The page's own element under one of Minyi's names, registered before Minyi loads.
class PageConsultation extends HTMLElement {
  connectedCallback() {
    this.textContent = 'the page\u2019s own element';
  }
}
customElements.define('minyi-consultation', PageConsultation);
window.PageConsultation = PageConsultation;
