from django.urls import path, re_path

from . import views

app_name = "training"
urlpatterns = [
    path("", views.course_list, name="index"),
    path("<slug:slug>/", views.course_detail, name="course"),
    path("<slug:slug>/quiz/", views.quiz, name="quiz"),
    path("<slug:slug>/certificate/", views.certificate, name="certificate"),
    path("<slug:slug>/certificate.pdf", views.certificate_pdf, name="certificate_pdf"),
    path("<slug:slug>/<int:position>/", views.lesson_detail, name="lesson"),
    path("<slug:slug>/<int:position>/done/", views.lesson_done, name="lesson_done"),
    re_path(
        r"^(?P<slug>[-\w]+)/(?P<position>\d+)/(?P<kind>video|captions)/$",
        views.lesson_file,
        name="lesson_file",
    ),
    path(
        "<slug:slug>/<int:position>/resources/<int:resource_id>/",
        views.resource_file,
        name="resource",
    ),
]
