"""geocoding"""
