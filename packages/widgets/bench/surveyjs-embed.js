// The SurveyJS candidate of the embed benchmark (`embed-bench.mjs`): the same question as
// `<minyi-satisfaction>`, one radiogroup with the five 好差评 levels (best first) and a submit
// ("complete") button, rendered by the framework-free UI (survey-js-ui) with the default theme
// (survey-core.min.css). Runs after survey.core.min.js and survey-js-ui.min.js (all deferred).
const model = new Survey.Model({
  completeText: '提交',
  elements: [
    {
      type: 'radiogroup',
      name: 'overall',
      title: '您对本页面的内容和服务满意吗？',
      isRequired: true,
      choices: [
        { value: 'very-satisfied', text: '非常满意' },
        { value: 'satisfied', text: '满意' },
        { value: 'basically-satisfied', text: '基本满意' },
        { value: 'dissatisfied', text: '不满意' },
        { value: 'very-dissatisfied', text: '非常不满意' },
      ],
    },
  ],
});
SurveyUI.renderSurvey(model, document.getElementById('survey'));
