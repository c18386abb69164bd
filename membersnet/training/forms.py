from django import forms


class QuizForm(forms.Form):
    """One radio group per question; every question must be answered."""

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for number, question in enumerate(self.questions, start=1):
            self.fields[f"question_{question.pk}"] = forms.ChoiceField(
                label=f"{number}. {question.question}",
                choices=question.choices,
                widget=forms.RadioSelect,
                error_messages={"required": "Choose an answer to this question."},
            )

    def answers(self) -> dict[int, str]:
        return {
            question.pk: self.cleaned_data[f"question_{question.pk}"] for question in self.questions
        }
