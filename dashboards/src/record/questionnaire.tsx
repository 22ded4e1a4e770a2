import { checkAnswer, asChoices, type FieldErrors, type FormInstrument } from './forms.js';

/**
 * The items of one questionnaire: each a fieldset whose legend is the item text, with radio
 * buttons (labelled with the answer wording where it is free to show) or a number field.
 * Errors show beside the item: the client's range check as you go, the api's after saving.
 */
export function QuestionnaireItems({ instrument, answers, onChange, errors, large = false }: { instrument: FormInstrument; answers: string[]; onChange: (answers: string[]) => void; errors: FieldErrors; large?: boolean }) {
  const set = (index: number, value: string) => onChange(answers.map((a, i) => (i === index ? value : a)));
  return (
    <ol className={`items${large ? ' items-large' : ''}`} data-form={instrument.id}>
      {instrument.items.map((item, index) => {
        const id = `${instrument.id}-${item.key}`;
        const message = checkAnswer(item, answers[index] ?? '') ?? errors[`/items/${index}`];
        const errorId = `${id}-error`;
        const choices = asChoices(item);
        return (
          <li key={item.key}>
            <fieldset aria-invalid={message ? true : undefined} aria-describedby={message ? errorId : undefined} data-item={index}>
              <legend>
                <span className="item-number">{index + 1}.</span> {item.text ?? item.key}{' '}
                <span className="muted item-scale">({item.min}–{item.max})</span>
              </legend>
              {choices ? (
                <div className="choices" role="presentation">
                  {choices.map((value) => {
                    const label = item.answers?.find((a) => a.value === value)?.label;
                    return (
                      <label key={value} className="choice">
                        <input type="radio" name={id} value={value} checked={answers[index] === String(value)} onChange={() => set(index, String(value))} />
                        <span>
                          <strong>{value}</strong>
                          {label ? ` ${label}` : ''}
                        </span>
                      </label>
                    );
                  })}
                </div>
              ) : (
                <div className="number-answer">
                  <label htmlFor={id}>Mark from {item.min} to {item.max}</label>
                  <input id={id} type="number" inputMode="decimal" min={item.min} max={item.max} step={item.step} value={answers[index] ?? ''} onChange={(e) => set(index, e.target.value)} aria-invalid={message ? true : undefined} aria-describedby={message ? errorId : undefined} />
                  {large ? <input type="range" aria-hidden="true" tabIndex={-1} min={item.min} max={item.max} step={item.step} value={answers[index] || String(item.min)} onChange={(e) => set(index, e.target.value)} /> : null}
                </div>
              )}
              {message ? (
                <p id={errorId} className="field-error" data-error={`/items/${index}`}>
                  Item {index + 1} {message}
                </p>
              ) : null}
            </fieldset>
          </li>
        );
      })}
    </ol>
  );
}
