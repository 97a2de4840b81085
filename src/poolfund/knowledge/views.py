from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

def search(request: HttpRequest) -> HttpResponse:
    raise NotImplementedError

def exchange(request: HttpRequest) -> HttpResponse:
    raise NotImplementedError
